// How easy a new password is to guess, estimated by @zxcvbn-ts (its list of common passwords,
// keyboard patterns, repeats, sequences and dates; no network). Server-only: its dictionaries
// weigh about 400 kB, too much for the change-password form's bundle, so the shared schema
// checks the length in the browser and changeOwnPassword checks the strength here.
import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

/** zxcvbn's 0–4 scale; 3 is "safely unguessable" against an online attack and slows an offline one. */
export const MIN_PASSWORD_SCORE = 3;

// The library gives keys; these say them in plain words.
const warnings: Record<string, string> = {
  straightRow: "Straight rows of keys are easy to guess.",
  keyPattern: "Short keyboard patterns are easy to guess.",
  simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
  extendedRepeat: 'Repeated patterns like "abcabcabc" are easy to guess.',
  sequences: 'Sequences like "abc" or "1234" are easy to guess.',
  recentYears: "Recent years are easy to guess.",
  dates: "Dates are easy to guess.",
  topTen: "It is one of the ten most used passwords.",
  topHundred: "It is one of the hundred most used passwords.",
  common: "It is a commonly used password.",
  similarToCommon: "It is close to a commonly used password.",
  wordByItself: "A single word is easy to guess.",
  namesByThemselves: "Names on their own are easy to guess.",
  commonNames: "Common first and last names are easy to guess.",
  userInputs: "It contains your name or email address.",
  pwned: "It appeared in a data breach.",
};

const suggestions: Record<string, string> = {
  l33t: 'Swapping letters for look-alikes ("@" for "a") does not help much.',
  reverseWords: "A word spelled backwards is still easy to guess.",
  allUppercase: "Capitalise some letters, not all.",
  capitalization: "Capitalise more than the first letter.",
  dates: "Leave out dates and years that mean something to you.",
  recentYears: "Leave out recent years.",
  associatedYears: "Leave out years that mean something to you.",
  sequences: "Leave out common sequences.",
  repeated: "Leave out repeated words and characters.",
  longerKeyboardPattern: "Use longer keyboard patterns that change direction.",
  anotherWord: "Add a few more words, the less common the better.",
  useWords: "Use several unrelated words, not a common phrase.",
  noNeed: "Symbols, digits and capitals are not needed: several unrelated words are strong.",
  pwned: "If you use it elsewhere, change it there too.",
};

let estimator: ZxcvbnFactory | undefined;

/** Why `password` is too easy to guess, in plain words, or null when it is strong enough.
 * `userInputs`: the account's own email and name, which a password should not lean on. */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const { score, feedback } = estimator.check(password, userInputWords(userInputs));
  if (score >= MIN_PASSWORD_SCORE) return null;
  const why = feedback.warning ? warnings[feedback.warning] : undefined;
  const tips = feedback.suggestions.flatMap((key) => suggestions[key] ?? []);
  return ["This password is too easy to guess.", why, ...(tips.length ? tips : ["Try four or more unrelated words."])]
    .filter(Boolean)
    .join(" ");
}

// zxcvbn matches user inputs as whole entries: "pat.lee@example.test" would not catch "pat.lee"
// or "lee", so each input also gives its part before the @ and its words.
function userInputWords(inputs: string[]): string[] {
  const words = inputs.flatMap((input) => [input, input.split("@")[0] ?? "", ...input.split(/[^\p{L}\p{N}]+/u)]);
  return [...new Set(words.map((word) => word.toLowerCase()).filter((word) => word.length >= 3))];
}
