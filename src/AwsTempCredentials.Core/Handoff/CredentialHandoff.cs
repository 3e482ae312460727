using AwsTempCredentials.Errors;
using AwsTempCredentials.IO;

namespace AwsTempCredentials.Handoff;

/// <summary>
/// Hands credentials over as one step: every target is staged (checked writable, content rendered, temporary files
/// written) before the first is published; when a publish still fails midway, what was published is rolled back
/// (appended files truncated to their old length, replaced files restored, new files deleted), so a failed step
/// leaves nothing that holds credentials.
/// </summary>
public sealed class CredentialHandoff : IDisposable
{
    private readonly List<IHandoffTarget> _targets = [];

    public CredentialHandoff Add(IHandoffTarget target)
    {
        _targets.Add(target);
        return this;
    }

    /// <exception cref="PlatformException">A target could not be staged or published; nothing holds credentials.</exception>
    public void Commit()
    {
        foreach (var target in _targets)
        {
            try
            {
                target.Stage();
            }
            catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
            {
                throw new PlatformException($"Cannot write {target.Description}: {Reason(target, e)}. Nothing was handed on.", target.Hint, e);
            }
        }

        var published = new List<IHandoffTarget>();
        foreach (var target in _targets)
        {
            published.Add(target);
            try
            {
                target.Publish();
            }
            catch (CredentialException e)
            {
                // The target explained itself (and chose the exit code); only a failed rollback adds to it.
                if (RollBack(published) is { } failed)
                {
                    throw new PlatformException($"Writing {target.Description} failed: {e.Message.TrimEnd('.')}. {failed}", e.Hint, e);
                }

                throw;
            }
            catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
            {
                var undone = RollBack(published) ?? "Everything this step had written was rolled back: nothing was handed on.";
                throw new PlatformException($"Writing {target.Description} failed: {Reason(target, e)}. {undone}", target.Hint, e);
            }
        }
    }

    public void Dispose()
    {
        foreach (var target in _targets)
        {
            target.Dispose();
        }
    }

    /// <summary>Rolls back in reverse order; null when everything was undone, else what was not.</summary>
    private static string? RollBack(List<IHandoffTarget> published)
    {
        var failures = new List<string>();
        for (var i = published.Count - 1; i >= 0; i--)
        {
            if (published[i].Rollback() is { } failure)
            {
                failures.Add($"{published[i].Description} ({failure})");
            }
        }

        return failures.Count == 0 ? null : $"Rolling back failed for {string.Join(", ", failures)}: remove the credentials there by hand.";
    }

    private static string Reason(IHandoffTarget target, Exception e) => FileProblems.Describe(e, target.Path);
}
