import fc from "fast-check";

/**
 * Random boolean grids of 1 to `maxRows` rows and 1 to `maxColumns`
 * columns, with a density drawn per grid so that sparse, dense and
 * blocky shapes all appear.
 */
export function grids(maxRows: number, maxColumns: number) {
  return fc
    .record({
      rows: fc.integer({ min: 1, max: maxRows }),
      columns: fc.integer({ min: 1, max: maxColumns }),
      density: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      seed: fc.integer(),
    })
    .chain(({ rows, columns, density }) =>
      fc.array(
        fc.array(
          fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < density),
          { minLength: columns, maxLength: columns },
        ),
        { minLength: rows, maxLength: rows },
      ),
    );
}
