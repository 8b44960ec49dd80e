// hld: the command line of HLD Services (docs/cli.md). Every RPC of the contracts is a command,
// `hld registry list-participants --page-size 10`; `hld call SERVICE/METHOD [JSON]` reaches any by its path.
return await Hld.Cli.HldCommandLine.RunAsync(args);
