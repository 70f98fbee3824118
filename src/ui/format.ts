// Number formats shared by the views.

/** A duration in milliseconds, as the latency lines show it: one decimal under 10 ms, whole above. */
export const formatMs = (x: number): string => (x < 10 ? x.toFixed(1) : Math.round(x).toString());
