// Named errors keep their names in production builds, where class names are minified:
// each class spells its name, and that is what crosses comlink.
import { describe, expect, it } from 'vitest';
import * as errors from '../../src/shared/errors';

describe('named errors', () => {
  const classes = Object.entries(errors).filter(([, v]) => typeof v === 'function' && (v === errors.RagLabError || v.prototype instanceof errors.RagLabError));

  it('finds the error classes', () => {
    expect(classes.length).toBeGreaterThan(10);
  });

  it('each class carries its own name as a string, not one derived from the (minifiable) class name', () => {
    for (const [exported, Class] of classes) {
      const e = exported === 'IngestError' ? new errors.IngestError('empty', 'm') : new (Class as new (m: string) => Error)('m');
      expect(e.name, exported).toBe(exported);
      expect(Object.getOwnPropertyDescriptor(e, 'name')?.value, exported).toBe(exported);
    }
  });
});
