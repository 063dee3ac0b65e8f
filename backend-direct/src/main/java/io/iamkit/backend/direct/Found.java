package io.iamkit.backend.direct;

import io.iamkit.api.state.LiveUser;
import io.vavr.control.Option;

/**
 * The user this deployment owns, as IAM holds it now.
 *
 * @param raw      what {@code live} read, iamkit's own tags included
 * @param view     the same without iamkit's own tags: what is compared with the spec
 * @param ownKeyId the access key iamkit created, from the {@link Ownership#ACCESS_KEY_TAG} tag
 */
record Found(LiveUser raw, LiveUser view, Option<String> ownKeyId) {

  static Found of(LiveUser raw) {
    LiveUser view = new LiveUser(raw.userName(), raw.userId(), raw.arn(), raw.path(), raw.permissionsBoundary(),
        raw.tags().filterKeys(k -> !Ownership.isOwnTag(k)), raw.managedPolicyArns(), raw.inlinePolicies(),
        raw.accessKeys(), raw.createDate());
    return new Found(raw, view, raw.tags().get(Ownership.ACCESS_KEY_TAG));
  }

  /** The id to tell the diff which key is ours; a value that matches no key when we have none. */
  String ownKeyIdForDiff() {
    return ownKeyId.getOrElse("");
  }

  boolean isOwnKey(String accessKeyId) {
    return ownKeyId.contains(accessKeyId);
  }
}
