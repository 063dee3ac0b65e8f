package io.iamkit.model;

import io.iamkit.model.proto.AwsIamUser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The IAM tags a user gets: {@code spec.tags} plus {@code metadata.tags} written as a map. */
public final class IamTags {
  private IamTags() {}

  /**
   * The tags to put on the IAM user, in manifest order: every {@code spec.tags} entry, then every
   * {@code metadata.tags} map entry whose key (ignoring case) is not already in {@code spec.tags}.
   * The {@link Validator} rejects conflicting keys, so for a valid user nothing is dropped.
   */
  public static Map<String, String> effective(AwsIamUser user) {
    Map<String, String> tags = new LinkedHashMap<>(user.getSpec().getTagsMap());
    Set<String> seen = tags.keySet().stream()
        .map(k -> k.toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
    user.getMetadata().getTagsMap().forEach((key, value) -> {
      if (seen.add(key.toLowerCase(Locale.ROOT))) {
        tags.put(key, value);
      }
    });
    return Collections.unmodifiableMap(tags);
  }
}
