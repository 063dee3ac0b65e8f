package io.iamkit.backend.direct;

import io.iamkit.api.DeploymentError;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.state.LiveUser;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Finds the user a manifest deployed, with no state file.
 *
 * <ol>
 *   <li>{@code GetUser} with the spec's user name (plus the reads of its parts). This is the
 *       common case and costs nothing extra. A user found there must carry
 *       {@link Ownership#RESOURCE_TAG} = {@code metadata.name}; otherwise it belongs to someone else
 *       and the operation stops with a {@link DeploymentError.Conflict}.
 *   <li>Only when no user has that name (first create, or the spec was renamed): {@code ListUsers}
 *       and {@code ListUserTags} per listed user, looking for the ownership tag. Users whose name
 *       equals the spec's ignoring case are checked first (a case-only rename, C-07). This costs
 *       one call per user in the account; {@value Ownership#RENAME_SEARCH_PROPERTY}{@code =off}
 *       skips it (a renamed spec then creates a new user and leaves the old one).
 * </ol>
 */
final class Locator {
  private static final Logger LOG = LoggerFactory.getLogger(Locator.class);

  private Locator() { }

  static Option<Found> locate(Session s) {
    String name = s.userName();
    String owner = s.user.name();
    Option<LiveUser> byName = s.read("GetUser", name, () -> s.clients.reader().read(name));
    if (byName.isDefined()) {
      LiveUser raw = byName.get();
      String tag = raw.tags().get(Ownership.RESOURCE_TAG).getOrNull();
      if (!owner.equals(tag)) {
        throw new StepFailed(new DeploymentError.Conflict("user " + raw.userName(), tag == null
            ? "an IAM user of this name exists and was not deployed by iamkit (no " + Ownership.RESOURCE_TAG
                + " tag); iamkit does not take over users it did not create"
            : "the IAM user is owned by the iamkit manifest '" + tag + "', not '" + owner + "'"));
      }
      return Option.some(Found.of(raw));
    }
    if (s.context.options().backendProperty(Ownership.RENAME_SEARCH_PROPERTY).contains("off")) {
      return Option.none();
    }
    return search(s, owner);
  }

  private static Option<Found> search(Session s, String owner) {
    String name = s.userName();
    List<User> users = new ArrayList<>();
    s.read("ListUsers", "users", () -> {
      s.clients.iam().listUsersPaginator(r -> { }).users().forEach(users::add);
      return null;
    });
    // a case-only rename is the likeliest match: look at those first
    String lower = name.toLowerCase(Locale.ROOT);
    users.sort((a, b) -> Boolean.compare(!a.userName().toLowerCase(Locale.ROOT).equals(lower),
        !b.userName().toLowerCase(Locale.ROOT).equals(lower)));
    List<String> matches = new ArrayList<>();
    for (User u : users) {
      Optional<String> tag = ownerTag(s, u.userName());
      if (tag.isPresent() && tag.get().equals(owner)) {
        matches.add(u.userName());
      }
    }
    LOG.debug("searched {} users for {}={}: {}", users.size(), Ownership.RESOURCE_TAG, owner, matches);
    if (matches.isEmpty()) {
      return Option.none();
    }
    if (matches.size() > 1) {
      throw new StepFailed(new DeploymentError.Conflict("manifest " + owner,
          "several IAM users carry " + Ownership.RESOURCE_TAG + "=" + owner + ": " + matches
              + "; remove the tag from all but one"));
    }
    String found = matches.get(0);
    s.message(ProgressEvent.Message.Level.INFO,
        "found the user of manifest '" + owner + "' under its previous name " + found);
    return s.read("GetUser", found, () -> s.clients.reader().read(found)).map(Found::of);
  }

  private static Optional<String> ownerTag(Session s, String userName) {
    return s.read("ListUserTags", userName, () -> {
      try {
        for (Tag t : s.clients.iam().listUserTagsPaginator(r -> r.userName(userName)).tags()) {
          if (t.key().equals(Ownership.RESOURCE_TAG)) {
            return Optional.of(t.value());
          }
        }
        return Optional.<String>empty();
      } catch (NoSuchEntityException e) {
        return Optional.<String>empty(); // deleted meanwhile
      }
    });
  }
}
