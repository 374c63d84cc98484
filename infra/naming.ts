/** "offside-evidence" -> "OffsideEvidence": construct ids derived from the shared definitions' names. */
export function constructId(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The deployed name of a queue or other named resource: the shared definition's name with the stage
 * after the project prefix ("offside-reviews" -> "offside-prod-reviews", "offside-reviews-dlq" ->
 * "offside-prod-reviews-dlq"), so a queue and its DLQ keep the `<name>` / `<name>-dlq` pair that
 * `offside redrive` relies on, and two stages can share an account.
 */
export function stageQualifiedName(stage: string, name: string): string {
  const prefix = 'offside-';
  return name.startsWith(prefix) ? `${prefix}${stage}-${name.slice(prefix.length)}` : `${prefix}${stage}-${name}`;
}
