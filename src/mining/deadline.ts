/**
 * A wall-clock budget shared by the stages of one `mineRoles` call.
 * `expired()` reads the clock only every `stride` calls, so hot loops may
 * call it freely.
 */
export class Deadline {
  private readonly end: number;
  private readonly stride: number;
  private calls = 0;
  private passed = false;

  constructor(budgetMs: number, stride = 256) {
    this.end = performance.now() + budgetMs;
    this.stride = stride;
  }

  expired(): boolean {
    if (this.passed) return true;
    this.calls++;
    if (this.calls % this.stride !== 0) return false;
    this.passed = performance.now() >= this.end;
    return this.passed;
  }
}
