/**
 * A buffered single-consumer async queue: the producer pushes synchronously
 * (from stream 'data' callbacks), the consumer iterates with `for await`.
 * Items pushed before anyone iterates are kept, so a late consumer misses
 * nothing.
 */
export class EventQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private head = 0;
  private done = false;
  private wake: (() => void) | undefined;

  /** Adds an item (ignored after `end()`). */
  push(item: T): void {
    if (this.done) return;
    this.items.push(item);
    this.wake?.();
  }

  /** Marks the end of the stream. */
  end(): void {
    this.done = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      while (this.head < this.items.length) {
        const item = this.items[this.head]!;
        this.items[this.head++] = undefined as T; // release for GC
        yield item;
      }
      if (this.done) return;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
  }
}
