namespace AwsTempCredentials.Handoff;

/// <summary>
/// One place a hand-off puts credentials (an appended file, a profile, a new file, a log channel). A target is
/// staged (checked, opened, rendered, written to a temporary file) before any target is published, and can undo
/// its own publish.
/// </summary>
public interface IHandoffTarget : IDisposable
{
    /// <summary>What the target is, for an error message: "GITHUB_OUTPUT (/path)". Never a secret.</summary>
    string Description { get; }

    /// <summary>The file the target writes, if it is one: errors are described from it.</summary>
    string? Path { get; }

    /// <summary>What to check when this target cannot be written.</summary>
    string Hint { get; }

    /// <summary>Everything that can fail before publishing: publishes nothing.</summary>
    void Stage();

    /// <summary>Makes the staged content visible, in as few operations as the target allows.</summary>
    void Publish();

    /// <summary>Undoes <see cref="Publish"/>, also a partial one. Returns a reason when it could not.</summary>
    string? Rollback();
}
