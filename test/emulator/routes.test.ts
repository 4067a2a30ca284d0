import { ROUTES } from '../../src/emulator/routes';
import { loadSpec } from '../../src/emulator/spec/specs';

test('every emulated route is spelled exactly as an operation of the specs', () => {
  const documented = new Set<string>();
  for (const spec of ['platform', 'servicedesk'] as const) {
    for (const [path, item] of Object.entries(loadSpec(spec).paths)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    }
  }
  expect(Object.keys(ROUTES).filter((route) => !documented.has(route))).toEqual([]);
});
