/**
 * embassy-sim engine: a small, domain-free discrete-event kernel.
 *
 *   Simulation          clock + future-event list (typed-array heap, FIFO tie-break, cancel)
 *   RandomStreams       named, independent seeded streams (common random numbers)
 *   distributions       exponential, deterministic, uniform, triangular, (truncated) normal,
 *                       lognormal, gamma, Poisson, Bernoulli, discrete, empirical
 *   NhppArrivals        exact non-homogeneous Poisson arrivals (piecewise-constant rate); thinning
 *   Calendar            dates, weekdays, months, working days, public holidays (date-holidays)
 *   ServerPool          c servers (time-varying) before a queue
 *   DailySlotServer     N units per day (appointments, handler hours) served from a queue
 *   queues              FIFO, priority classes, keyed (earliest deadline), policy callback,
 *                       FIFO lines merged by non-decreasing keys
 *   stats               Tally (Welford), Histogram (quantiles), TimeWeighted, PeriodTallies, MeanBank
 *
 * No Node-only API: the same code runs in worker threads and in browsers.
 */
export { ENGINE_VERSION } from "./version.ts"
export { EngineArgumentError } from "./errors.ts"
export { EventHeap } from "./heap.ts"
export { Simulation, type Handler, type EventObserver } from "./simulation.ts"
export { RandomStreams, makeStream, hashKey, streamKey, RNG_ALGORITHM, RNG_VERSION, type Rng } from "./random.ts"
export * as dist from "./distributions.ts"
export type { Distribution } from "./distributions.ts"
export { PiecewiseRate, NhppArrivals, ThinningArrivals } from "./arrivals.ts"
export { Calendar, publicHolidays, hasHolidayData, parseIsoDate, formatIsoDate, addWorkingDays } from "./calendar.ts"
export { FifoQueue, PriorityClassQueue, KeyedQueue, PolicyQueue, MonotoneLinesQueue, type Queue } from "./queues.ts"
export { ServerPool, DailySlotServer, validateStepSchedule, type StepSchedule, type Reservation, type ServerPoolOptions, type DailySlotServerOptions } from "./resources.ts"
export { Tally, Histogram, TimeWeighted, PeriodTallies, MeanBank } from "./stats.ts"
export { erlangC, normalCdf, normalQuantile, studentTQuantile, studentTCdf } from "./special.ts"
