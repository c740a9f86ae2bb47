import { describe, expect, it } from 'vitest';
import { derivePluginNames } from './derive-plugin-names.js';
import { substituteNames } from './substitute-names.js';

const smtp = derivePluginNames('check', 'smtp-banner');

describe('substituteNames', () => {
  it('replaces the package name, the plugin name, identifiers and types', () => {
    const template = [
      '"name": "exaplug-check-example",',
      "name: 'example',",
      'export const exampleOptions = z.object({});',
      'export type ExampleOptions = z.output<typeof exampleOptions>;',
      "describe('example check', () => {});",
    ].join('\n');
    expect(substituteNames(template, smtp)).toBe(
      [
        '"name": "exaplug-check-smtp-banner",',
        "name: 'smtp-banner',",
        'export const smtpBannerOptions = z.object({});',
        'export type SmtpBannerOptions = z.output<typeof smtpBannerOptions>;',
        "describe('smtp-banner check', () => {});",
      ].join('\n'),
    );
  });

  it('names the vitest project after the package', () => {
    expect(substituteNames("name: 'template-check-plugin',", smtp)).toBe("name: 'exaplug-check-smtp-banner',");
  });

  it('uses the scoped package name where the template names its package', () => {
    const scoped = derivePluginNames('strategy', 'weighted', '@acme');
    expect(substituteNames('npm install exaplug-strategy-example', scoped)).toBe('npm install @acme/strategy-weighted');
  });

  it('replaces each placeholder once, even when the new name contains "example"', () => {
    const names = derivePluginNames('check', 'my-example');
    expect(substituteNames('exaplug-check-example exampleOptions', names)).toBe(
      'exaplug-check-my-example myExampleOptions',
    );
  });
});
