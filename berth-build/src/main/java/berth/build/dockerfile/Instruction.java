package berth.build.dockerfile;

/**
 * One Dockerfile instruction as parsed: a record per kind, each with the {@link SourceLocation} it
 * came from. Arguments are as written; the ones Docker substitutes are substituted by
 * {@link Expandable#expand} at execution time, when the build args and ENV in scope are known.
 */
public sealed interface Instruction
        permits FromInstruction, RunInstruction, CmdInstruction, EntrypointInstruction, LabelInstruction,
                ExposeInstruction, EnvInstruction, AddInstruction, CopyInstruction, VolumeInstruction,
                UserInstruction, WorkdirInstruction, ArgInstruction, OnbuildInstruction,
                StopSignalInstruction, HealthcheckInstruction, ShellInstruction, MaintainerInstruction {
    SourceLocation location();

    /** The instruction name in upper case, e.g. {@code "COPY"}. */
    String keyword();
}
