using Platform.Simulator;

// platform-sim: DeepStream events for demos, tests and load. See README.md.
//   platform-sim scene loitering [--print-config] [--sensor-id S] [--minimal] [--bootstrap HOST:PORT] [--topic T]
//   platform-sim load --sensors 10 --rate 200 --duration 60 [--seed 1] [--minimal]
return await SimulatorCommands.Build().Parse(args).InvokeAsync();
