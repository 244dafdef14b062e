// Typed access to the JSON fixtures (written by fixtures/generate.mjs).
import accountsJson from './fixtures/accounts-david.json';
import davidJson from './fixtures/scorecard-david.json';
import mariaJson from './fixtures/scorecard-maria.json';
import teamJson from './fixtures/team-maria.json';
import usersJson from './fixtures/users.json';
import type { AccountsPage, Scorecard, TeamDoc, User } from '../src/types';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Fresh copies, so a test may change them. */
export const david = (): Scorecard => clone(davidJson as unknown as Scorecard);
export const maria = (): Scorecard => clone(mariaJson as unknown as Scorecard);
export const team = (): TeamDoc => clone(teamJson as unknown as TeamDoc);
export const accounts = (): AccountsPage => clone(accountsJson as unknown as AccountsPage);
export const users = (): User[] => clone((usersJson as { users: User[] }).users);
