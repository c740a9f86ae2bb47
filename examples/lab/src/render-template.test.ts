import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.js';

describe('renderTemplate', () => {
  it('fills every placeholder', () => {
    expect(renderTemplate('node {{NODE}} index {{INDEX}}', { NODE: 'w1', INDEX: 0 })).toBe('node w1 index 0');
  });

  it('refuses a placeholder without a value', () => {
    expect(() => renderTemplate('{{MISSING}}', {})).toThrow(/MISSING/);
  });
});
