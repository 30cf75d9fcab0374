import NexoServer

await Entrypoint.main()
