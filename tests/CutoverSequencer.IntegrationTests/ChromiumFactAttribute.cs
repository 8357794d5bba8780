namespace CutoverSequencer.IntegrationTests;

/// <summary>Skipped where no Chromium is installed, except on CI (CI=true), where a missing one fails.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!PostgresCluster.IsCi && Chromium.Find() is null)
        {
            Skip = "chromium not found; run scripts/setup.sh";
        }
    }
}
