/**
 * A binary max-heap of integer items keyed by a number, with ties going
 * to the smaller item so that pops are deterministic.
 */
export class MaxHeap {
  private readonly items: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: number, key: number): void {
    this.items.push(item);
    this.keys.push(key);
    let child = this.items.length - 1;
    while (child > 0) {
      const parent = (child - 1) >>> 1;
      if (!this.before(child, parent)) break;
      this.swap(child, parent);
      child = parent;
    }
  }

  /** The item with the largest key; undefined when the heap is empty. */
  peekItem(): number | undefined {
    return this.items[0];
  }

  peekKey(): number | undefined {
    return this.keys[0];
  }

  pop(): number | undefined {
    const top = this.items[0];
    const lastItem = this.items.pop();
    const lastKey = this.keys.pop();
    if (lastItem === undefined || lastKey === undefined) return undefined;
    if (this.items.length === 0) return top;
    this.items[0] = lastItem;
    this.keys[0] = lastKey;
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let best = parent;
      if (left < this.items.length && this.before(left, best)) best = left;
      if (right < this.items.length && this.before(right, best)) best = right;
      if (best === parent) break;
      this.swap(parent, best);
      parent = best;
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    const keyA = this.keys[a]!;
    const keyB = this.keys[b]!;
    return keyA > keyB || (keyA === keyB && this.items[a]! < this.items[b]!);
  }

  private swap(a: number, b: number): void {
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
  }
}
