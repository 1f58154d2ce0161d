package org.cloudgate.core.config;

import java.util.List;

/** The configuration file has one or more problems; all of them are listed, none is thrown alone. */
public final class InvalidSettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidSettingsException(List<ConfigProblem> problems) {
        super(problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s"));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
