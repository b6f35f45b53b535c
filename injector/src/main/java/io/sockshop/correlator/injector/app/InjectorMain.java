package io.sockshop.correlator.injector.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.List;

/**
 * {@code serve} (the default) runs the REST service; any other command runs once from the command
 * line, see {@link InjectorCli}. A command does not need the HTTP port, so it takes any free one and
 * logs to stderr, leaving stdout to its output.
 */
@QuarkusMain
public class InjectorMain {

    public static void main(String... args) {
        if (args.length > 0 && List.of("help", "--help", "-h").contains(args[0])) {
            System.out.println(InjectorCli.USAGE);
            return;
        }
        if (args.length > 0 && !"serve".equals(args[0])) {
            System.setProperty("quarkus.http.port", "0");
            System.setProperty("quarkus.log.console.stderr", "true");
            System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
        }
        Quarkus.run(InjectorCli.class, args);
    }
}
