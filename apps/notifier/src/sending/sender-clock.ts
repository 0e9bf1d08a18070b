/**
 * The sender's time: when an attempt is made, hence when it is retried and how long its webhook
 * has been failing. Injected so a spec can live through days of failures on a virtual clock.
 */
export type SenderClock = () => Date;

export const SENDER_CLOCK = Symbol('SENDER_CLOCK');

export const systemClock: SenderClock = () => new Date();
