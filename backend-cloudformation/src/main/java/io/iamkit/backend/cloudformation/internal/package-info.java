/**
 * Implementation of the {@code cloudformation} backend; not public API. {@link
 * io.iamkit.backend.cloudformation.internal.TemplateSynthesizer} turns one validated {@code
 * AwsIamUser} into a deterministic template and stack name. What the emulators do with these
 * templates is recorded in {@code backend-cloudformation/EMULATOR-NOTES.md}.
 */
package io.iamkit.backend.cloudformation.internal;
