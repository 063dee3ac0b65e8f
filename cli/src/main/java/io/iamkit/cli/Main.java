package io.iamkit.cli;

/** Entry point of the runnable jar ({@code bin/iamkit} runs it with {@code java -jar}). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = Cli.system().run(args);
    System.exit(code);
  }
}
