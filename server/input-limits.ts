/**
 * The longest text each input accepts. The server's zod schemas and the forms' `maxLength` both
 * read these, so a form never lets someone type what the server would refuse. Plain constants:
 * client components import this file.
 */
export const INPUT_MAX = {
  email: 254,
  password: 200,
  workspaceName: 60,
  /** Typing a workspace's or prototype's name to delete it (at least the longest such name). */
  confirmName: 120,
  apiKeyName: 60,
  prototypeName: 120,
  prototypeQuestion: 500,
  className: 60,
  opportunityTitle: 120,
  opportunityDescription: 4000,
  /** One line of a custom opportunity: a use case, a rationale, a basis. */
  opportunityLine: 300,
  opportunityCustomers: 500,
  sourceName: 200,
  sourceTitle: 300,
  estimateNote: 1000,
  noteBody: 4000,
  ideaTitle: 120,
  ideaSummary: 2000,
  assumptionStatement: 300,
  /** A Test Card's sentences (believe, verify, measure, right if; learnings). */
  testCard: 1000,
  experimentMetric: 120,
  unitLabel: 60,
  economicsSource: 300,
} as const;
