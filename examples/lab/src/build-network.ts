import { addNamespace, runChecked, setNamespaceSysctls } from '@exaplug/test-support/netns';
import type { LabNames } from './lab-names.js';
import { client, coreLan, routeServers, serviceIps, webNodes } from './topology.js';

async function ip(...args: string[]): Promise<void> {
  await runChecked('ip', args);
}

/**
 * Creates the namespaces, links and static routes. r1 is the IPv6 hub: a bridge
 * for the core LAN (rs1, rs2, rs3) plus one veth per web node and one for the client.
 */
export async function buildNetwork(names: LabNames): Promise<void> {
  const r1 = names.ns('r1');
  const leaves = [...routeServers, ...webNodes.map((node) => node.name), client.name];
  await Promise.all([r1, ...leaves.map((leaf) => names.ns(leaf))].map(addNamespace));
  await setNamespaceSysctls(r1, { 'ipv6/conf/all/forwarding': '1' });

  // Bridge up before its ports: a bridge brought up later loses the first
  // neighbour solicitation and the first BGP connect takes a second longer.
  await ip('-n', r1, 'link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0', 'stp_state', '0');
  await ip('-n', r1, 'link', 'set', 'br0', 'up');
  await ip('-n', r1, 'addr', 'add', `${coreLan.r1}/64`, 'dev', 'br0', 'nodad');

  for (const rs of routeServers) {
    const ns = names.ns(rs);
    await ip('link', 'add', 'eth0', 'netns', ns, 'type', 'veth', 'peer', 'name', rs, 'netns', r1);
    await ip('-n', r1, 'link', 'set', rs, 'master', 'br0', 'up');
    await ip('-n', ns, 'addr', 'add', `${coreLan[rs]}/64`, 'dev', 'eth0', 'nodad');
    await ip('-n', ns, 'link', 'set', 'eth0', 'up');
    await ip('-n', ns, '-6', 'route', 'add', '2001:db8::/32', 'via', coreLan.r1);
  }

  const edges = [
    ...webNodes.map((node) => ({ name: node.name, address: node.address, gateway: node.gateway })),
    client,
  ];
  for (const edge of edges) {
    const ns = names.ns(edge.name);
    await ip('link', 'add', 'eth0', 'netns', ns, 'type', 'veth', 'peer', 'name', edge.name, 'netns', r1);
    await ip('-n', r1, 'addr', 'add', `${edge.gateway}/64`, 'dev', edge.name, 'nodad');
    await ip('-n', r1, 'link', 'set', edge.name, 'up');
    await ip('-n', ns, 'addr', 'add', `${edge.address}/64`, 'dev', 'eth0', 'nodad');
    await ip('-n', ns, 'link', 'set', 'eth0', 'up');
    await ip('-n', ns, '-6', 'route', 'add', 'default', 'via', edge.gateway);
  }

  for (const node of webNodes) {
    for (const serviceIp of serviceIps) {
      await ip('-n', names.ns(node.name), 'addr', 'add', `${serviceIp}/128`, 'dev', 'lo');
    }
  }
}
