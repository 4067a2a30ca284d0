/** The virtual clock of `simulate --backend-latency`: waits move time on, and overlapping waits overlap. */
import { VirtualClock } from '../../../src/cli/simulate-clock';

const elapsed = async (clock: VirtualClock, work: () => Promise<unknown>) => {
  const started = clock.now().getTime();
  await work();
  return clock.now().getTime() - started;
};

it('eight waits of 2 s side by side move the clock about 2 s, one after the other 16 s', async () => {
  const clock = new VirtualClock();
  const side = await elapsed(clock, () => Promise.all(Array.from({ length: 8 }, () => clock.sleep(2_000))));
  expect(side).toBeGreaterThanOrEqual(2_000);
  expect(side).toBeLessThan(2_500);
  const inTurn = await elapsed(clock, async () => {
    for (let i = 0; i < 8; i++) await clock.sleep(2_000);
  });
  expect(inTurn).toBeGreaterThanOrEqual(16_000);
  expect(inTurn).toBeLessThan(17_000);
});

it('keeps concurrent workers in step while one of them is doing held work', async () => {
  const clock = new VirtualClock();
  // Two workers, two rounds each; one's real work between its waits takes 30 real ms.
  const worker = (work: number) => async () => {
    for (let round = 0; round < 2; round++) {
      await clock.sleep(2_000);
      await clock.hold(() => new Promise((resolve) => setTimeout(resolve, work)));
    }
  };
  const both = await elapsed(clock, () => Promise.all([worker(0)(), worker(30)()]));
  expect(both).toBeGreaterThanOrEqual(4_000);
  expect(both).toBeLessThan(4_500);
});
