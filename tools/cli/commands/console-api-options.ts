/**
 * The options of a command that reads what analysts decided through the console API (`offside
 * labels export`, `offside report signals`): where the API is and the token to call it with, and
 * the period of decisions. Declared once so the commands agree.
 */
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';

/** A day (YYYY-MM-DD) or an RFC 3339 instant, as an ISO instant; a day is its midnight UTC. */
export function reportDate(name: string) {
  return (text: string): string => {
    const day = /^\d{4}-\d{2}-\d{2}$/u.test(text);
    const time = Date.parse(day ? `${text}T00:00:00Z` : text);
    if (Number.isNaN(time) || (!day && !/^\d{4}-\d{2}-\d{2}T/u.test(text))) {
      throw new InvalidArgumentError(`${name} must be a date (YYYY-MM-DD) or an RFC 3339 timestamp, got "${text}"`);
    }
    return new Date(time).toISOString();
  };
}

function url(text: string): string {
  if (!/^https?:\/\/\S+$/u.test(text)) throw new InvalidArgumentError(`--api must be an http(s) URL, got "${text}"`);
  return text.replace(/\/+$/u, '');
}

export const apiOption = () =>
  new Option('--api <URL>', "the console API (default: the running npm start's)").argParser(url);
export const tokenOption = () =>
  new Option('--token <TOKEN>', 'a bearer token for the console API (default: $OFFSIDE_TOKEN; on the local platform, an analyst development token)').env('OFFSIDE_TOKEN');
export const fromOption = (required: boolean) => {
  const option = new Option('--from <DATE>', 'the first day (YYYY-MM-DD, UTC) or instant of the period of decisions').argParser(reportDate('--from'));
  return required ? option.makeOptionMandatory() : option;
};
export const toOption = (required: boolean) => {
  const option = new Option('--to <DATE>', 'the end of the period: a day is included whole, an instant is excluded').argParser(reportDate('--to'));
  return required ? option.makeOptionMandatory() : option;
};

