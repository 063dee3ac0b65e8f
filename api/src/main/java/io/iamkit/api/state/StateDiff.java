package io.iamkit.api.state;

import com.google.protobuf.Struct;
import io.iamkit.api.Change;
import io.iamkit.api.Difference;
import io.iamkit.api.DriftReport;
import io.iamkit.api.FieldChange;
import io.iamkit.api.Plan;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.policy.PolicyDocument;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.Objects;

/**
 * The one comparison of a spec with a user's live IAM state that every backend shares. Pure: no AWS
 * calls. Policy documents compare by meaning ({@link PolicyDocument}); tags whose keys start with
 * {@code aws:} are AWS's own, and those starting with {@value #IAMKIT_TAG_PREFIX} are a backend's
 * own bookkeeping (for example the ownership tags of backend {@code direct}): both are ignored.
 *
 * <p>Access keys: with {@code disableAccessKeys: false} the spec asks for exactly one Active key.
 * Which live key is the deployment's own is told by {@code ownKeyId} (from the backend's state or
 * outputs); when it is not known, the oldest key counts as the own one. Every other key is out of band.
 */
public final class StateDiff {
  /** Tag keys with this prefix are reserved for iamkit's backends and not compared with the spec. */
  public static final String IAMKIT_TAG_PREFIX = "iamkit:";

  private StateDiff() { }

  /** Whether a tag key is AWS's ({@code aws:}) or iamkit's ({@value #IAMKIT_TAG_PREFIX}) own, not the spec's. */
  public static boolean isReservedTag(String key) {
    return key.startsWith("aws:") || key.startsWith(IAMKIT_TAG_PREFIX);
  }

  /** The drift of a user whose own key is not known (see the class comment). */
  public static DriftReport drift(AwsIamUser spec, Option<LiveUser> live) {
    return drift(spec, live, Option.none());
  }

  /** Every difference between the spec and the live state; {@code live} none means no such user. */
  public static DriftReport drift(AwsIamUser spec, Option<LiveUser> live, Option<String> ownKeyId) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(ownKeyId, "ownKeyId");
    String userName = spec.getSpec().getUserName();
    if (live.isEmpty()) {
      return new DriftReport(userName, List.of(Difference.missing(ResourceKind.USER, "spec.userName", userName)));
    }
    return new DriftReport(userName, compare(spec, live.get(), ownKeyId).map(Item::difference));
  }

  /** The plan of a user whose own key is not known. */
  public static Plan plan(AwsIamUser spec, Option<LiveUser> live) {
    return plan(spec, live, Option.none());
  }

  /**
   * The changes that make the live state match the spec: a full create when the user does not exist;
   * otherwise create what is missing, update what changed and delete what was added out of band.
   */
  public static Plan plan(AwsIamUser spec, Option<LiveUser> live, Option<String> ownKeyId) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(ownKeyId, "ownKeyId");
    String userName = spec.getSpec().getUserName();
    if (live.isEmpty()) {
      return new Plan(userName, createAll(spec));
    }
    return new Plan(userName, compare(spec, live.get(), ownKeyId).map(Item::change));
  }

  /** The tags IAM should carry: {@code metadata.tags} overlaid by {@code spec.tags}, sorted by key. */
  public static Map<String, String> expectedTags(AwsIamUser user) {
    var merged = new java.util.TreeMap<String, String>(user.getMetadata().getTagsMap());
    merged.putAll(user.getSpec().getTagsMap());
    return LinkedHashMap.ofAll(merged);
  }

  /** The spec's path, {@code /} when not set. */
  public static String expectedPath(AwsIamUserSpec spec) {
    return spec.getPath().isEmpty() ? "/" : spec.getPath();
  }

  private record Item(Difference difference, Change change) { }

  private static Seq<Change> createAll(AwsIamUser user) {
    AwsIamUserSpec s = user.getSpec();
    List<Change> changes = List.of(Change.of(Change.Action.CREATE, ResourceKind.USER, s.getUserName(),
        FieldChange.of("spec.userName", null, s.getUserName()),
        FieldChange.of("spec.path", null, expectedPath(s))));
    if (!s.getPermissionsBoundary().isEmpty()) {
      changes = changes.append(Change.of(Change.Action.CREATE, ResourceKind.PERMISSIONS_BOUNDARY,
          s.getPermissionsBoundary()));
    }
    for (Tuple2<String, String> t : expectedTags(user)) {
      changes = changes.append(Change.of(Change.Action.CREATE, ResourceKind.TAG, t._1,
          FieldChange.of("spec.tags." + t._1, null, t._2)));
    }
    for (String arn : s.getManagedPolicyArnsList()) {
      changes = changes.append(Change.of(Change.Action.CREATE, ResourceKind.MANAGED_POLICY_ATTACHMENT, arn));
    }
    for (var e : new java.util.TreeMap<>(s.getInlinePoliciesMap()).entrySet()) {
      changes = changes.append(Change.of(Change.Action.CREATE, ResourceKind.INLINE_POLICY, e.getKey(),
          FieldChange.of("spec.inlinePolicies." + e.getKey(), null, PolicyDocument.of(e.getValue()).toJson())));
    }
    if (!s.getDisableAccessKeys()) {
      changes = changes.append(Change.of(Change.Action.CREATE, ResourceKind.ACCESS_KEY, "(new access key)"));
    }
    return changes;
  }

  private static Seq<Item> compare(AwsIamUser user, LiveUser live, Option<String> ownKeyId) {
    AwsIamUserSpec s = user.getSpec();
    List<Item> items = List.empty();
    String name = s.getUserName();

    // the user itself
    if (!name.equals(live.userName())) {
      items = items.append(new Item(
          Difference.changed(ResourceKind.USER, "spec.userName", name, live.userName()),
          Change.of(Change.Action.UPDATE, ResourceKind.USER, live.userName(),
              FieldChange.of("spec.userName", live.userName(), name))));
    }
    String path = expectedPath(s);
    if (!path.equals(live.path())) {
      items = items.append(new Item(
          Difference.changed(ResourceKind.USER, "spec.path", path, live.path()),
          Change.of(Change.Action.UPDATE, ResourceKind.USER, name, FieldChange.of("spec.path", live.path(), path))));
    }

    // permissions boundary
    Option<String> boundary = Option.of(s.getPermissionsBoundary()).filter(b -> !b.isEmpty());
    if (!boundary.equals(live.permissionsBoundary())) {
      String field = "spec.permissionsBoundary";
      if (boundary.isEmpty()) {
        String actual = live.permissionsBoundary().get();
        items = items.append(new Item(Difference.outOfBand(ResourceKind.PERMISSIONS_BOUNDARY, field, actual),
            Change.of(Change.Action.DELETE, ResourceKind.PERMISSIONS_BOUNDARY, actual)));
      } else if (live.permissionsBoundary().isEmpty()) {
        items = items.append(new Item(Difference.missing(ResourceKind.PERMISSIONS_BOUNDARY, field, boundary.get()),
            Change.of(Change.Action.CREATE, ResourceKind.PERMISSIONS_BOUNDARY, boundary.get())));
      } else {
        items = items.append(new Item(
            Difference.changed(ResourceKind.PERMISSIONS_BOUNDARY, field, boundary.get(), live.permissionsBoundary().get()),
            Change.of(Change.Action.UPDATE, ResourceKind.PERMISSIONS_BOUNDARY, boundary.get(),
                FieldChange.of(field, live.permissionsBoundary().get(), boundary.get()))));
      }
    }

    // tags
    Map<String, String> expectedTags = expectedTags(user);
    Map<String, String> liveTags = live.tags().filterKeys(k -> !isReservedTag(k));
    for (Tuple2<String, String> t : expectedTags) {
      String field = "spec.tags." + t._1;
      Option<String> actual = liveTags.get(t._1);
      if (actual.isEmpty()) {
        items = items.append(new Item(Difference.missing(ResourceKind.TAG, field, t._2),
            Change.of(Change.Action.CREATE, ResourceKind.TAG, t._1, FieldChange.of(field, null, t._2))));
      } else if (!actual.get().equals(t._2)) {
        items = items.append(new Item(Difference.changed(ResourceKind.TAG, field, t._2, actual.get()),
            Change.of(Change.Action.UPDATE, ResourceKind.TAG, t._1, FieldChange.of(field, actual.get(), t._2))));
      }
    }
    for (Tuple2<String, String> t : liveTags.toList().sortBy(Tuple2::_1)) {
      if (!expectedTags.containsKey(t._1)) {
        String field = "spec.tags." + t._1;
        items = items.append(new Item(Difference.outOfBand(ResourceKind.TAG, field, t._2),
            Change.of(Change.Action.DELETE, ResourceKind.TAG, t._1, FieldChange.of(field, t._2, null))));
      }
    }

    // managed policies
    List<String> arns = List.ofAll(s.getManagedPolicyArnsList());
    for (int i = 0; i < arns.size(); i++) {
      String arn = arns.get(i);
      if (!live.managedPolicyArns().contains(arn)) {
        items = items.append(new Item(
            Difference.missing(ResourceKind.MANAGED_POLICY_ATTACHMENT, "spec.managedPolicyArns[" + i + "]", arn),
            Change.of(Change.Action.CREATE, ResourceKind.MANAGED_POLICY_ATTACHMENT, arn)));
      }
    }
    for (String arn : live.managedPolicyArns().toList().sorted()) {
      if (!arns.contains(arn)) {
        items = items.append(new Item(
            Difference.outOfBand(ResourceKind.MANAGED_POLICY_ATTACHMENT, "spec.managedPolicyArns", arn),
            Change.of(Change.Action.DELETE, ResourceKind.MANAGED_POLICY_ATTACHMENT, arn)));
      }
    }

    // inline policies
    var expectedInline = new java.util.TreeMap<String, Struct>(s.getInlinePoliciesMap());
    for (var e : expectedInline.entrySet()) {
      String field = "spec.inlinePolicies." + e.getKey();
      PolicyDocument expected = PolicyDocument.of(e.getValue());
      Option<String> actualRaw = live.inlinePolicies().get(e.getKey());
      if (actualRaw.isEmpty()) {
        items = items.append(new Item(Difference.missing(ResourceKind.INLINE_POLICY, field, expected.canonicalJson()),
            Change.of(Change.Action.CREATE, ResourceKind.INLINE_POLICY, e.getKey(),
                FieldChange.of(field, null, expected.toJson()))));
        continue;
      }
      Option<PolicyDocument> actual = parseQuietly(actualRaw.get());
      if (actual.isEmpty() || !actual.get().equals(expected)) {
        String actualText = actual.map(PolicyDocument::canonicalJson).getOrElse(actualRaw.get());
        items = items.append(new Item(
            Difference.changed(ResourceKind.INLINE_POLICY, field, expected.canonicalJson(), actualText),
            Change.of(Change.Action.UPDATE, ResourceKind.INLINE_POLICY, e.getKey(),
                FieldChange.of(field, actualText, expected.toJson()))));
      }
    }
    for (Tuple2<String, String> t : live.inlinePolicies().toList().sortBy(Tuple2::_1)) {
      if (!expectedInline.containsKey(t._1)) {
        String field = "spec.inlinePolicies." + t._1;
        String actualText = parseQuietly(t._2).map(PolicyDocument::canonicalJson).getOrElse(t._2);
        items = items.append(new Item(Difference.outOfBand(ResourceKind.INLINE_POLICY, field, actualText),
            Change.of(Change.Action.DELETE, ResourceKind.INLINE_POLICY, t._1, FieldChange.of(field, actualText, null))));
      }
    }

    // access keys
    Seq<LiveAccessKey> keys = live.accessKeys()
        .sorted(Comparator.comparing(LiveAccessKey::created).thenComparing(LiveAccessKey::accessKeyId));
    Option<LiveAccessKey> own = s.getDisableAccessKeys()
        ? Option.none()
        : ownKeyId.isDefined() ? keys.find(k -> k.accessKeyId().equals(ownKeyId.get())) : keys.headOption();
    if (!s.getDisableAccessKeys()) {
      if (own.isEmpty()) {
        items = items.append(new Item(
            Difference.missing(ResourceKind.ACCESS_KEY, "spec.disableAccessKeys", "one Active access key"),
            Change.of(Change.Action.CREATE, ResourceKind.ACCESS_KEY, "(new access key)")));
      } else if (!own.get().isActive()) {
        String id = own.get().accessKeyId();
        items = items.append(new Item(
            Difference.changed(ResourceKind.ACCESS_KEY, "accessKeys." + id + ".status", "Active",
                own.get().status().name()),
            Change.of(Change.Action.UPDATE, ResourceKind.ACCESS_KEY, id,
                FieldChange.of("accessKeys." + id + ".status", own.get().status().name(), "Active"))));
      }
    }
    for (LiveAccessKey k : keys) {
      if (own.isEmpty() || !own.get().accessKeyId().equals(k.accessKeyId())) {
        String id = k.accessKeyId();
        items = items.append(new Item(
            Difference.outOfBand(ResourceKind.ACCESS_KEY, "accessKeys." + id, id + " (" + k.status() + ")"),
            Change.of(Change.Action.DELETE, ResourceKind.ACCESS_KEY, id)));
      }
    }
    return items;
  }

  private static Option<PolicyDocument> parseQuietly(String raw) {
    try {
      return Option.of(PolicyDocument.parse(raw));
    } catch (IllegalArgumentException e) {
      return Option.none();
    }
  }
}
