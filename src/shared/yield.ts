// Lets the event loop run between two pieces of long work (a token, a training step), so that an interrupt or a
// cancel message is seen. setTimeout(0) is the obvious way and the wrong one: browsers clamp nested timers to at
// least 4 ms after five levels, which capped a small model's decoding at ~250 tokens/s. A MessageChannel message is
// a task without that clamp (scheduler.yield, where present, is the same idea with a priority).

const waiting: (() => void)[] = [];
let port: MessagePort | null = null;

function channel(): MessagePort {
  if (!port) {
    const c = new MessageChannel();
    c.port1.onmessage = () => waiting.shift()?.();
    // In Node a port with a listener keeps the process alive; it must not outlive the work that uses it.
    (c.port1 as MessagePort & { unref?: () => void }).unref?.();
    (c.port2 as MessagePort & { unref?: () => void }).unref?.();
    port = c.port2;
  }
  return port;
}

/** Resolves after the event loop has run the tasks queued before it (one macrotask later), with no timer clamp. */
export function yieldToEventLoop(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel().postMessage(0);
  });
}
