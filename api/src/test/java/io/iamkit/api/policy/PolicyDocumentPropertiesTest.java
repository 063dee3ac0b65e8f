package io.iamkit.api.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.From;
import net.jqwik.api.constraints.Size;

/** Properties of semantic equality over generated statements. */
class PolicyDocumentPropertiesTest {

  @Provide
  Arbitrary<String> action() {
    Arbitrary<String> service = Arbitraries.of("s3", "dynamodb", "sqs", "lambda", "kms");
    Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(12)
        .map(s -> Character.toUpperCase(s.charAt(0)) + s.substring(1));
    return net.jqwik.api.Combinators.combine(service, name).as((s, n) -> s + ":" + n);
  }

  @Provide
  Arbitrary<String> resource() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars('A', 'B', '/', '*', '-').ofMinLength(1).ofMaxLength(20)
        .map(s -> "arn:aws:s3:::" + s);
  }

  private static PolicyDocument doc(List<String> actions, List<String> resources) {
    return PolicyDocument.builder()
        .statement(Statement.allow().actions(actions.toArray(String[]::new)).resources(resources.toArray(String[]::new)))
        .build();
  }

  @Property(tries = 300)
  void shuffledDuplicatedAndRecasedActionsAreEqual(
      @ForAll @Size(min = 1, max = 8) List<@From("action") String> actions,
      @ForAll @Size(min = 1, max = 5) List<@From("resource") String> resources,
      @ForAll long seed) {
    Random random = new Random(seed);
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

  @Property(tries = 300)
  void anAddedActionOrAChangedResourceIsNotEqual(
      @ForAll @Size(min = 1, max = 8) List<@From("action") String> actions,
      @ForAll @Size(min = 1, max = 5) List<@From("resource") String> resources) {
    PolicyDocument a = doc(actions, resources);
    List<String> more = new ArrayList<>(actions);
    more.add("iam:PassRole");
    assertThat(doc(more, resources)).isNotEqualTo(a);
    List<String> changed = new ArrayList<>(resources);
    changed.set(0, "arn:aws:s3:::" + "Z" + changed.get(0).substring("arn:aws:s3:::".length()));
    assertThat(doc(actions, changed)).isNotEqualTo(a);
  }
}
