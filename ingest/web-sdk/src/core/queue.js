// The bounded queue of beacons not yet handed to the network. Each item is {s: session, e: beacon};
// a beacon gets its seq only when it leaves the queue (sender.js), so a dropped beacon leaves no gap.
// When full, the oldest heartbeat goes first (the next one carries the same news), then the oldest
// event that is not one of the beacons a session's outcome is computed from.
const KEPT = ['play_request', 'first_frame', 'error', 'end'];

export function createQueue(maxQueued, inFlight, onDrop) {
  const items = [];
  return {
    items,
    push(item) {
      items.push(item);
      while (items.length + inFlight() > maxQueued) {
        let i = items.findIndex((x) => x.e.type === 'heartbeat');
        if (i < 0) i = items.findIndex((x) => !KEPT.includes(x.e.type));
        if (i < 0) return;
        onDrop(items.splice(i, 1)[0].e);
      }
    },
    take(n) {
      return items.splice(0, n).map((x) => {
        x.e.seq = x.s.seq++;
        return x.e;
      });
    },
  };
}
