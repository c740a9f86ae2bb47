import { describe, expect, it } from 'vitest';
import { isExaplugError } from '@exaplug/core/plugin';
import { configFileArgs, parseHealthcheckArgs, parseHealthcheckCommandLine } from './parse-healthcheck-args.js';

const noFile = () => {
  throw new Error('no such file');
};

describe('parseHealthcheckArgs', () => {
  it('starts from the healthcheck defaults', () => {
    const options = parseHealthcheckArgs([]);
    expect(options).toMatchObject({ interval: 5, fast: 1, timeout: 5, rise: 3, fall: 3, up_metric: 100, down_metric: 1000 });
    expect(options).toMatchObject({ disabled_metric: 500, increase: 1, start_ip: 0, local_preference: -1, ip_setup: true });
    expect(options.ips).toBeUndefined();
  });

  it('reads every alias of the command and both --opt value and --opt=value', () => {
    expect(parseHealthcheckArgs(['--cmd', 'true']).command).toBe('true');
    expect(parseHealthcheckArgs(['--command=curl -sf http://x/?a=b']).command).toBe('curl -sf http://x/?a=b');
    expect(parseHealthcheckArgs(['-c', 'exit 1']).command).toBe('exit 1');
    expect(parseHealthcheckArgs(['-cfalse']).command).toBe('false');
  });

  it('keeps every --ip and --neighbor and the last of any other repeated option', () => {
    const options = parseHealthcheckArgs(['--ip', '192.0.2.1', '--ip=192.0.2.2', '--rise', '2', '--rise', '5', '--neighbor', '10.0.0.1']);
    expect(options.ips).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(options.rise).toBe(5);
    expect(options.neighbors).toEqual(['10.0.0.1']);
  });

  it('accepts unique prefixes of long options, as argparse does', () => {
    expect(parseHealthcheckArgs(['--withdraw']).withdraw_on_down).toBe(true);
    expect(parseHealthcheckArgs(['--start', '2']).start_ip).toBe(2);
    expect(() => parseHealthcheckArgs(['--d'])).toThrow(/ambiguous option: --d could match --debug, --disable/);
  });

  it('stores false for --no-ip-setup and reads combined short flags', () => {
    expect(parseHealthcheckArgs(['--no-ip-setup']).ip_setup).toBe(false);
    expect(parseHealthcheckArgs(['-ad'])).toMatchObject({ no_ack: true, debug: true });
  });

  it('converts numbers as argparse does and refuses what it refuses', () => {
    expect(parseHealthcheckArgs(['--interval', '0.5', '--fast-interval', '.2']).interval).toBe(0.5);
    expect(parseHealthcheckArgs(['--up-metric', '-5']).up_metric).toBe(-5);
    expect(() => parseHealthcheckArgs(['--rise', 'two'])).toThrow("argument --rise: invalid int value: 'two'");
    expect(() => parseHealthcheckArgs(['--interval', 'soon'])).toThrow("argument --interval: invalid float value: 'soon'");
  });

  it('refuses unknown options, stray words and a missing value with EXAPLUG_HEALTHCHECK_ARGS', () => {
    for (const argv of [['--frobnicate'], ['curl'], ['--cmd'], ['--cmd', '--ip', '192.0.2.1']]) {
      let caught: unknown;
      try {
        parseHealthcheckArgs(argv);
      } catch (error) {
        caught = error;
      }
      expect(isExaplugError(caught, 'EXAPLUG_HEALTHCHECK_ARGS'), argv.join(' ')).toBe(true);
    }
  });

  it('takes --syslog-facility with or without a value, and keeps the logging options exclusive', () => {
    expect(parseHealthcheckArgs(['--syslog-facility']).syslog_facility).toBe('daemon');
    expect(parseHealthcheckArgs(['--syslog-facility', 'local0']).syslog_facility).toBe('local0');
    expect(parseHealthcheckArgs(['-sF', '--debug']).debug).toBe(true);
    expect(() => parseHealthcheckArgs(['--silent', '--no-syslog'])).toThrow(/mutually exclusive/);
  });

  it('records which options were given, so only those are warned about', () => {
    expect([...parseHealthcheckArgs(['--sudo', '--ip', '192.0.2.1']).given]).toEqual(['sudo', 'ips']);
  });
});

describe('the healthcheck config file', () => {
  it('turns each line into a long option, splitting at the first =', () => {
    const text = '# comment\n\n debug \nname = haproxy\ncommand = curl -sf http://127.0.0.1/?a=b\nip=192.0.2.1\nip = 192.0.2.2\n';
    expect(configFileArgs(text)).toEqual(['--debug', '--name', 'haproxy', '--command', 'curl -sf http://127.0.0.1/?a=b', '--ip', '192.0.2.1', '--ip', '192.0.2.2']);
  });

  it('puts the file first so the command line wins and --ip adds up', () => {
    const options = parseHealthcheckCommandLine(['--config', 'hc.conf', '--rise', '1', '--ip', '192.0.2.9'], () => 'rise = 5\nip = 192.0.2.1\n');
    expect(options.rise).toBe(1);
    expect(options.ips).toEqual(['192.0.2.1', '192.0.2.9']);
  });

  it('reports a config file it cannot open', () => {
    expect(() => parseHealthcheckCommandLine(['-F', '/nope'], noFile)).toThrow("argument --config/-F: can't open '/nope': no such file");
  });
});
