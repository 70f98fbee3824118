// Lets the event loop run between two pieces of long work (a token, a training step), so that an interrupt or a
// cancel message is seen. setTimeout(0) is the obvious way and the wrong one: browsers clamp nested timers to at
// least 4 ms after five levels, which capped a small model's decoding at ~250 tokens/s. A MessageChannel message is
// a task without that clamp (scheduler.yield, where present, is the same idea with a priority).

type NodePort = MessagePort & { ref?: () => void; unref?: () => void };

const waiting: (() => void)[] = [];
let ports: { receive: NodePort; send: MessagePort } | null = null;

function channel(): { receive: NodePort; send: MessagePort } {
  if (!ports) {
    const c = new MessageChannel();
    const receive = c.port1 as NodePort;
    receive.onmessage = () => {
      waiting.shift()?.();
      // In Node a listening port keeps the process alive: only while a yield is pending, never after.
      if (!waiting.length) receive.unref?.();
    };
    (c.port2 as NodePort).unref?.();
    ports = { receive, send: c.port2 };
  }
  return ports;
}

/** Resolves after the event loop has run the tasks queued before it (one macrotask later), with no timer clamp. */
export function yieldToEventLoop(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise<void>((resolve) => {
    const { receive, send } = channel();
    waiting.push(resolve);
    receive.ref?.();
    send.postMessage(0);
  });
}
