/**
 * The ExaBGP captures (verbatim lines a real ExaBGP 4.2, 5.0 and 6.0-dev wrote to its
 * process, talking to a real BIRD 2) live once, with the package that parses them:
 * packages/protocol/test/fixtures. Core's tests read them from there.
 */
export { fixturePath, fixturesDir, readFixture } from '../../protocol/test/fixtures.js';
