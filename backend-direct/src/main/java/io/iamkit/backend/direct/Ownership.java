package io.iamkit.backend.direct;

/**
 * The tags by which the direct backend recognises, with no state file, what in IAM is its own.
 *
 * <ul>
 *   <li>{@value #RESOURCE_TAG} = {@code metadata.name}: marks the user as deployed by iamkit from
 *       that manifest. A user found under the spec's name without it, or with another value, is not
 *       touched (conflict). After a rename the user is found by this tag.
 *   <li>{@value #ACCESS_KEY_TAG} = the access key id iamkit created. Every other key of the user
 *       is foreign: reported by drift and apply, removed only by destroy.
 * </ul>
 * Tags under {@value #PREFIX} are the backend's own: they are not compared with the spec's tags.
 */
final class Ownership {
  static final String PREFIX = io.iamkit.api.state.StateDiff.IAMKIT_TAG_PREFIX;
  static final String RESOURCE_TAG = PREFIX + "resource";
  static final String ACCESS_KEY_TAG = PREFIX + "access-key-id";

  /**
   * How many of IAM's {@value io.iamkit.model.Validator#MAX_TAGS} tags per user the ownership tags
   * take: a spec may use the rest.
   */
  static final int OWN_TAG_COUNT = 2;

  /** Backend property: {@code tags} (default) searches users by {@value #RESOURCE_TAG}, {@code off} never. */
  static final String RENAME_SEARCH_PROPERTY = "direct.rename-search";

  private Ownership() { }

  static boolean isOwnTag(String key) {
    return key.startsWith(PREFIX);
  }
}
