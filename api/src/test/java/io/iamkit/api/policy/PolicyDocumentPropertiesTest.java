package io.iamkit.api.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.model.Gen;
import io.iamkit.model.Tries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Properties of semantic equality over generated statements. Input comes from {@link Gen};
 * {@code -Diamkit.test.seed} replays or varies it.
 */
class PolicyDocumentPropertiesTest {
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

  static String action(Gen gen) {
    String service = gen.pick("s3", "dynamodb", "sqs", "lambda", "kms");
    String name = gen.chars(LOWER, 3, 12);
    return service + ":" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  static String resource(Gen gen) {
    return "arn:aws:s3:::" + gen.chars(LOWER + "AB/*-", 1, 20);
  }

  private static PolicyDocument doc(List<String> actions, List<String> resources) {
    return PolicyDocument.builder()
        .statement(Statement.allow().actions(actions.toArray(String[]::new)).resources(resources.toArray(String[]::new)))
        .build();
  }

  @Tries(300)
  void shuffledDuplicatedAndRecasedActionsAreEqual(Gen gen) {
    List<String> actions = gen.list(1, 8, () -> action(gen));
    List<String> resources = gen.list(1, 5, () -> resource(gen));
    Random random = new Random(gen.anyLong());
    List<String> otherActions = new ArrayList<>();
    for (String a : actions) {
      otherActions.add(random.nextBoolean() ? a.toUpperCase(Locale.ROOT) : a.toLowerCase(Locale.ROOT));
    }
    otherActions.add(actions.get(random.nextInt(actions.size())));
    Collections.shuffle(otherActions, random);
    List<String> otherResources = new ArrayList<>(resources);
    otherResources.add(resources.get(0));
    Collections.shuffle(otherResources, random);

    PolicyDocument a = doc(actions, resources);
    PolicyDocument b = doc(otherActions, otherResources);
    assertThat(a).isEqualTo(b);
    assertThat(PolicyDocument.parse(a.canonicalJson())).isEqualTo(a);
    assertThat(PolicyDocument.parse(a.toJson())).isEqualTo(b);
  }

  @Tries(300)
  void anAddedActionOrAChangedResourceIsNotEqual(Gen gen) {
    List<String> actions = gen.list(1, 8, () -> action(gen));
    List<String> resources = gen.list(1, 5, () -> resource(gen));
    PolicyDocument a = doc(actions, resources);
    List<String> more = new ArrayList<>(actions);
    more.add("iam:PassRole");
    assertThat(doc(more, resources)).isNotEqualTo(a);
    List<String> changed = new ArrayList<>(resources);
    changed.set(0, "arn:aws:s3:::" + "Z" + changed.get(0).substring("arn:aws:s3:::".length()));
    assertThat(doc(actions, changed)).isNotEqualTo(a);
  }
}
