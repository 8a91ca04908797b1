using System.Diagnostics.CodeAnalysis;

// CONVENTIONS.md names tests Method_Scenario_Expected; CA1707 (no underscores in member names) contradicts that for
// test methods only. Scoped to this test assembly; tests/Directory.Build.props may take it over for all test projects.
[assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names follow Method_Scenario_Expected.")]
