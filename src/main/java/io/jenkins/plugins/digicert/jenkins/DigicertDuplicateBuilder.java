package io.jenkins.plugins.digicert.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.BuildListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.digicert.duplicate.StepParameters;
import java.io.IOException;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step: a {@link DigicertDuplicateStep} run in a freestyle build, with build variables such as
 * {@code ${ORDER_ID}} expanded in its text fields. It holds the step rather than copying its fields, so the two have
 * one set of fields, one form (config.jelly shows the step's through {@code f:property}), one set of help files and
 * one set of checks. It is deliberately not a {@code SimpleBuildStep}: Pipeline offers every SimpleBuildStep through
 * {@code step(...)}, and Pipeline has {@code digicertDuplicate}, which also returns the result.
 */
public class DigicertDuplicateBuilder extends Builder {

    private final DigicertDuplicateStep step;

    @DataBoundConstructor
    public DigicertDuplicateBuilder(DigicertDuplicateStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    public DigicertDuplicateStep getStep() {
        return step;
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        if (step == null) {
            throw new AbortException("This DigiCert build step has no settings in the job's saved configuration: "
                    + "open the job's configuration, fill in the step and save.");
        }
        FilePath workspace = build.getWorkspace();
        if (workspace == null) {
            throw new AbortException("The build has no workspace: the agent that ran it is gone.");
        }
        EnvVars env = build.getEnvironment(listener);
        StepParameters parameters = step.toParameters().withVariables(env::expand);
        DuplicateExecution.execute(
                step.getCredentialsId(),
                step.getKeystoreCredentialsId(),
                parameters,
                step.isArchive(),
                build,
                workspace,
                launcher,
                listener);
        return true;
    }

    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return DigicertDuplicateStep.DISPLAY_NAME;
        }
    }
}
