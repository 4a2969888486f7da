export { VirtualClock, durationMs } from "./virtual-clock";
export type { Duration, PendingTimer, VirtualClockOptions } from "./virtual-clock";
