/**
 * The tag that names a Lambda function for local binding: `Tags.of(fn).add(LOCAL_NAME_TAG, 'warn')`.
 * The local Step Functions runner (tools/local/step-functions) reads it from the synthesized
 * template to bind each task to an in-process handler; on AWS it is an ordinary tag.
 */
export const LOCAL_NAME_TAG = 'offside:local-name';
