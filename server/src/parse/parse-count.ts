/**
 * How many texts have been parsed, by kind, since the process started: `parseDockerfile`,
 * `parseCompose` and `parseDevcontainer` count themselves here. A seam for tests that check that work is not repeated (a
 * code action or a hover on an unchanged document parses nothing); nothing else reads it.
 */
export const parseCount = { dockerfile: 0, compose: 0, devcontainer: 0 };
