import type { Biclique } from "./concept.js";
import type { MergedMatrix } from "./merged-matrix.js";

/**
 * The grants of a merged matrix that a growing set of roles covers. Weights
 * count original grants: the cell of a merged row standing for 3
 * identities and a merged column standing for 2 entitlements weighs 6.
 */
export class CoverState {
  /** Covered cells, one bit set over columns per row (`rowBits` layout). */
  readonly covered: Uint32Array;
  /** Original grants covered so far. */
  coveredWeight = 0;
  private readonly merged: MergedMatrix;
  private readonly rowWeights: Int32Array;
  private readonly columnWeights: Int32Array;

  constructor(merged: MergedMatrix) {
    this.merged = merged;
    this.covered = new Uint32Array(merged.rowBits.length);
    this.rowWeights = Int32Array.from(merged.rowMembers, (m) => m.length);
    this.columnWeights = Int32Array.from(merged.columnMembers, (m) => m.length);
  }

  /** Original grants still uncovered. */
  get uncoveredWeight(): number {
    return this.merged.grantCount - this.coveredWeight;
  }

  /**
   * Original grants that a role with these rows and these columns (as a
   * bit set over columns) would newly cover.
   */
  gain(rows: readonly number[], columnBits: Uint32Array): number {
    const words = this.merged.rowWords;
    let total = 0;
    for (const row of rows) {
      const offset = row * words;
      let rowGain = 0;
      for (let w = 0; w < words; w++) {
        let fresh = columnBits[w]! & ~this.covered[offset + w]!;
        while (fresh !== 0) {
          const low = fresh & -fresh;
          rowGain += this.columnWeights[(w << 5) + 31 - Math.clz32(low)]!;
          fresh ^= low;
        }
      }
      total += rowGain * this.rowWeights[row]!;
    }
    return total;
  }

  /** Marks the grants of `role` as covered. Returns the new weight. */
  add(role: Biclique): number {
    const words = this.merged.rowWords;
    let total = 0;
    for (const row of role.rows) {
      const offset = row * words;
      let rowGain = 0;
      for (const column of role.columns) {
        const index = offset + (column >>> 5);
        const bit = 1 << (column & 31);
        if ((this.covered[index]! & bit) !== 0) continue;
        this.covered[index]! |= bit;
        rowGain += this.columnWeights[column]!;
      }
      total += rowGain * this.rowWeights[row]!;
    }
    this.coveredWeight += total;
    return total;
  }

  /**
   * Marks every grant covered except the listed cells, so that a greedy
   * selection covers only those.
   */
  coverAllExcept(cells: readonly number[]): void {
    const { merged } = this;
    this.covered.set(merged.rowBits);
    this.coveredWeight = merged.grantCount;
    for (const cell of cells) {
      const row = merged.cellRows[cell]!;
      const column = merged.cellColumns[cell]!;
      const index = row * merged.rowWords + (column >>> 5);
      this.covered[index]! &= ~(1 << (column & 31));
      this.coveredWeight -=
        this.rowWeights[row]! * this.columnWeights[column]!;
    }
  }

  /** Whether the cell (`row`, `column`) is covered. */
  isCovered(row: number, column: number): boolean {
    const index = row * this.merged.rowWords + (column >>> 5);
    return ((this.covered[index]! >>> (column & 31)) & 1) === 1;
  }
}
