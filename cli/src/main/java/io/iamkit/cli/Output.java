package io.iamkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamkit.model.Violation;
import io.vavr.collection.Seq;
import java.io.UncheckedIOException;

/**
 * Where a command's output goes. Results go to stdout: a table for people, or exactly one JSON
 * document with {@code -o json}. Everything else (progress, notes, logs) goes to stderr. A failed
 * command prints its error to stderr in table mode and inside the JSON document otherwise.
 *
 * <p>Every JSON document has {@code command}, {@code ok} and {@code exitCode}; a command that failed
 * as a whole adds {@code error} ({@code type}, {@code message}, and details by type).
 */
final class Output {
  /** How results are printed. */
  enum Format {
    table,
    json
  }

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final CliContext ctx;
  private final Format format;
  private final String command;

  Output(CliContext ctx, Format format, String command) {
    this.ctx = ctx;
    this.format = format;
    this.command = command;
  }

  boolean json() {
    return format == Format.json;
  }

  String command() {
    return command;
  }

  /** A line of the table (nothing in JSON mode). */
  void line(String text) {
    if (!json()) {
      ctx.out().println(text);
    }
  }

  /** A note for a person on stderr, in both modes. */
  void note(String text) {
    ctx.err().println(text);
    ctx.err().flush();
  }

  /** A new JSON document with the fields every document has. */
  ObjectNode document(int exitCode) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("command", command).put("ok", exitCode == ExitCodes.OK || exitCode == ExitCodes.DRIFT)
        .put("exitCode", exitCode);
    return doc;
  }

  /** Prints a JSON document (JSON mode only); returns its exit code. */
  int emit(ObjectNode doc) {
    if (json()) {
      try {
        ctx.out().println(JSON.writeValueAsString(doc));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    ctx.out().flush();
    return doc.path("exitCode").asInt();
  }

  /** The command failed as a whole; prints why and returns the exit code. */
  int fail(int exitCode, String type, String message) {
    return fail(exitCode, Shapes.error(type, message));
  }

  /** The command failed as a whole with a structured error ({@link Shapes#error}). */
  int fail(int exitCode, ObjectNode error) {
    if (json()) {
      ObjectNode doc = document(exitCode);
      doc.set("error", error);
      return emit(doc);
    }
    ctx.out().flush();
    ctx.err().println("iamkit " + command + ": " + error.path("message").asText());
    ctx.err().flush();
    return exitCode;
  }

  /** Manifests that could not be read or are invalid: exit code 2 with every violation. */
  int invalidInput(Seq<Violation> violations) {
    ObjectNode error = Shapes.error("InvalidInput",
        "invalid input (" + violations.size() + " problem(s)):\n  " + violations.map(Shapes::describe).mkString("\n  "));
    ArrayNode list = error.putArray("violations");
    violations.forEach(v -> list.add(Shapes.violation(v)));
    return fail(ExitCodes.USAGE, error);
  }
}
