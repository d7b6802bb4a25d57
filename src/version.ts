/** Version of rolemine written into every report. Kept equal to package.json by a test. */
export const VERSION = "0.1.0";
