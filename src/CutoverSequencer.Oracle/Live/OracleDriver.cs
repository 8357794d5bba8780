using System.Data.Common;
using System.Reflection;
using CutoverSequencer.Core;

namespace CutoverSequencer.Oracle.Live;

/// <summary>
/// Obtains the ODP.NET provider factory at run time, so the default build needs no Oracle package:
/// bundled by building with <c>-p:WithOracleClient=true</c>, or loaded from <c>source.driverPath</c>.
/// </summary>
public static class OracleDriver
{
    public const string FactoryType = "Oracle.ManagedDataAccess.Client.OracleClientFactory";
    public const string AssemblyName = "Oracle.ManagedDataAccess";

    public static DbProviderFactory Load(string? driverPath)
    {
        Assembly? assembly = null;
        if (!string.IsNullOrWhiteSpace(driverPath))
        {
            if (!File.Exists(driverPath))
            {
                throw new ConnectionFailedException(
                    $"source.driverPath '{driverPath}' does not exist " +
                    "(expected the path of Oracle.ManagedDataAccess.dll)");
            }
            try
            {
                assembly = Assembly.LoadFrom(Path.GetFullPath(driverPath));
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException)
            {
                throw new ConnectionFailedException(
                    $"source.driverPath '{driverPath}' cannot be loaded: {e.Message}", e);
            }
        }
        else
        {
            try
            {
                assembly = Assembly.Load(AssemblyName);
            }
            catch (FileNotFoundException)
            {
            }
        }
        var factory = Factory(assembly, driverPath);
        return factory ?? throw new ConnectionFailedException(
            "the Oracle driver (ODP.NET, Oracle.ManagedDataAccess) is not available: " +
            "build with 'dotnet publish src/CutoverSequencer.Cli -p:WithOracleClient=true', " +
            "or set source.driverPath to an Oracle.ManagedDataAccess.dll " +
            "(NuGet package Oracle.ManagedDataAccess.Core), " +
            "or export the catalog with docs/oracle/export-catalog.sql and use source.kind: oracle-export");
    }

    /// <summary>
    /// The provider's factory. Resolving the type loads the assemblies it depends on: a driver copied
    /// without them fails here (file not found, type load or type initializer errors), which is a driver
    /// that cannot be used (exit 3), said plainly, not a defect of this tool.
    /// </summary>
    private static DbProviderFactory? Factory(Assembly? assembly, string? driverPath)
    {
        try
        {
            // GetType(name) answers null for a type whose dependencies cannot load; asked to throw, it says why.
            var type = assembly?.GetType(FactoryType) ?? assembly?.GetType(FactoryType, throwOnError: true);
            return type?.GetField("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
                as DbProviderFactory;
        }
        catch (TypeLoadException) when (assembly?.GetTypes().All(t => t.FullName != FactoryType) == true)
        {
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException
            or TypeInitializationException or ReflectionTypeLoadException or BadImageFormatException
            or TargetInvocationException)
        {
            var cause = e is TypeInitializationException or TargetInvocationException && e.InnerException is { } inner
                ? inner.Message
                : e.Message;
            throw new ConnectionFailedException(
                $"the Oracle driver {driverPath ?? AssemblyName} was found but cannot be used: {cause} " +
                "(a dependency is missing: copy Oracle.ManagedDataAccess.dll together with the other DLLs of " +
                "its NuGet package Oracle.ManagedDataAccess.Core and of that package's dependencies, " +
                "or build with -p:WithOracleClient=true)", e);
        }
    }

    /// <summary><c>oracle://user@data-source</c>: where we connect, never the password.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            var user = builder.TryGetValue("User Id", out var u) ? u
                : builder.TryGetValue("User", out var u2) ? u2
                : "";
            var source = builder.TryGetValue("Data Source", out var d) ? d : "";
            return $"oracle://{user}@{source}";
        }
        catch (ArgumentException)
        {
            return "oracle://(invalid connection string)";
        }
    }
}
