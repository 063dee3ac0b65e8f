package io.iamkit.backend.direct;

import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The user this deployment owns, as IAM holds it now.
 *
 * @param raw      what {@code live} read, iamkit's own tags included
 * @param view     the same in the shared diff's terms, without iamkit's own tags
 * @param ownKeyId the access key iamkit created, from the {@link Ownership#ACCESS_KEY_TAG} tag
 * @param byName   true when found under the spec's user name, false when found by the ownership tag
 */
record Found(io.iamkit.live.LiveUser raw, LiveUser view, Option<String> ownKeyId, boolean byName) {

  static Found of(io.iamkit.live.LiveUser raw, boolean byName) {
    return new Found(raw, toView(raw), Option.of(raw.tags().get(Ownership.ACCESS_KEY_TAG)), byName);
  }

  /** The id to tell the diff which key is ours; a value that matches no key when we have none. */
  String ownKeyIdForDiff() {
    return ownKeyId.getOrElse("");
  }

  boolean isOwnKey(String accessKeyId) {
    return ownKeyId.contains(accessKeyId);
  }

  static LiveUser toView(io.iamkit.live.LiveUser raw) {
    var tags = LinkedHashMap.<String, String>empty();
    for (var e : raw.tags().entrySet()) {
      if (!Ownership.isOwnTag(e.getKey())) {
        tags = tags.put(e.getKey(), e.getValue());
      }
    }
    var inline = LinkedHashMap.<String, String>empty();
    for (var e : raw.inlinePolicies().entrySet()) {
      inline = inline.put(e.getKey(), e.getValue().document());
    }
    List<LiveAccessKey> keys = List.ofAll(raw.accessKeys()).map(k -> new LiveAccessKey(k.accessKeyId(),
        k.active() ? LiveAccessKey.Status.Active : LiveAccessKey.Status.Inactive, k.createDate()));
    return new LiveUser(raw.userName(), raw.userId(), raw.arn(), raw.path(),
        Option.ofOptional(raw.permissionsBoundaryArn()), tags,
        LinkedHashSet.ofAll(raw.managedPolicyArns()), inline, keys);
  }
}
