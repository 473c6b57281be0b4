/** M/M/c with the engine's public API: the README example and the speed benchmark share this code. */
import { Simulation, ServerPool, RandomStreams, dist, Tally } from "../src/engine/index.ts"

export interface MmcResult { customers: number; meanWait: number; events: number; seconds: number }

export const runMmc = (lambda: number, mu: number, c: number, customers: number, seed: string | number = 1, rep = 0): MmcResult => {
  const sim = new Simulation()
  const streams = new RandomStreams(seed, rep)
  const arrivalRng = streams.stream("arrivals"), serviceRng = streams.stream("service")
  const interarrival = dist.exponential(1 / lambda), service = dist.exponential(1 / mu)
  const arrivedAt = new Float64Array(customers)
  const wait = new Tally()
  const pool = new ServerPool(sim, {
    name: "servers", servers: c,
    serviceTime: () => service.sample(serviceRng),
    onStart: (id) => wait.add(sim.now - arrivedAt[id]!),
    onComplete: () => {}
  })
  let next = 0
  const arrive = sim.register("arrival", () => {
    const id = next++
    arrivedAt[id] = sim.now
    pool.request(id)
    if (next < customers) sim.after(interarrival.sample(arrivalRng), arrive)
  })
  sim.at(0, arrive)
  const t0 = performance.now()
  sim.run()
  return { customers, meanWait: wait.mean, events: sim.eventsFired, seconds: (performance.now() - t0) / 1000 }
}
