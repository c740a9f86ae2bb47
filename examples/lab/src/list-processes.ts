import { readFileSync } from 'node:fs';
import { listNamespacePids } from '@exaplug/test-support/netns';

/** A process living in a namespace, with its command line. */
export interface NamespaceProcess {
  pid: number;
  args: string;
}

/** The processes in a namespace, zombies included (their command line is empty). */
export async function listProcesses(ns: string): Promise<NamespaceProcess[]> {
  const pids = await listNamespacePids(ns);
  return pids.map((pid) => {
    let args = '';
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      // exited meanwhile
    }
    return { pid, args };
  });
}
