namespace Hld.Cli;

/// <summary>Input the CLI refuses before any call: exit 2, one line that names the field and what was wrong.</summary>
internal sealed class UsageException(string message) : Exception(message);
