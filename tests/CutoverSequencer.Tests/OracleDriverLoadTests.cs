using System.Data.Common;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using CutoverSequencer.Core;
using CutoverSequencer.Oracle.Live;

namespace CutoverSequencer.Tests;

/// <summary>
/// source.driverPath pointing at a driver whose dependencies were not copied with it: a real
/// assembly, emitted here, whose factory type derives from a type in an assembly that is not there.
/// </summary>
public sealed class OracleDriverLoadTests : IDisposable
{
    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    private string DriverWithoutItsDependency()
    {
        var dependencyPath = Path.Combine(files.Root, "elsewhere", "CutoverTest.MissingDependency.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(dependencyPath)!);
        var dependency = new PersistedAssemblyBuilder(new AssemblyName("CutoverTest.MissingDependency"), typeof(object).Assembly);
        var baseType = dependency.DefineDynamicModule("dependency")
            .DefineType("CutoverTest.FactoryBase", TypeAttributes.Public | TypeAttributes.Abstract, typeof(DbProviderFactory));
        baseType.DefineDefaultConstructor(MethodAttributes.Family);
        baseType.CreateType();
        dependency.Save(dependencyPath);

        // The dependency is loaded aside only to be referenced; the driver's directory does not hold it.
        var aside = new AssemblyLoadContext("aside", isCollectible: true);
        var loadedBase = aside.LoadFromAssemblyPath(dependencyPath).GetType("CutoverTest.FactoryBase")!;
        var driverPath = Path.Combine(files.Root, "driver", "CutoverTest.FakeOracleDriver.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(driverPath)!);
        var driver = new PersistedAssemblyBuilder(new AssemblyName("CutoverTest.FakeOracleDriver"), typeof(object).Assembly);
        var factory = driver.DefineDynamicModule("driver")
            .DefineType(OracleDriver.FactoryType, TypeAttributes.Public | TypeAttributes.Sealed, loadedBase);
        factory.DefineField("Instance", factory, FieldAttributes.Public | FieldAttributes.Static | FieldAttributes.InitOnly);
        factory.CreateType();
        driver.Save(driverPath);
        aside.Unload();
        return driverPath;
    }

    [Fact]
    public void A_driver_whose_dependencies_are_missing_is_exit_3_with_a_clear_message()
    {
        var path = DriverWithoutItsDependency();

        var error = Assert.Throws<ConnectionFailedException>(() => OracleDriver.Load(path));

        Assert.Equal(ExitCodes.CannotConnect, error.ExitCode);
        Assert.StartsWith($"the Oracle driver {path} was found but cannot be used: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("a dependency is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_that_is_not_the_driver_says_how_to_get_it()
    {
        var error = Assert.Throws<ConnectionFailedException>(() => OracleDriver.Load(typeof(OracleDriverLoadTests).Assembly.Location));

        Assert.Equal(ExitCodes.CannotConnect, error.ExitCode);
        Assert.StartsWith("the Oracle driver (ODP.NET, Oracle.ManagedDataAccess) is not available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_driver_path_that_does_not_exist_is_exit_3() =>
        Assert.Equal(ExitCodes.CannotConnect, Assert.Throws<ConnectionFailedException>(() => OracleDriver.Load(Path.Combine(files.Root, "none.dll"))).ExitCode);
}
